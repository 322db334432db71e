import { DelimitedRecords, guessDelimiter, headerNames, splitDelimited } from './delimited';

describe('delimited text', () => {
  it('splits quoted fields with embedded delimiters and quotes', () => {
    expect(splitDelimited('a,"b,c","say ""hi""",,"",d', ',')).toEqual({ fields: ['a', 'b,c', 'say "hi"', '', '', 'd'], open: false });
    expect(splitDelimited('x\t"y\tz"\t', '\t')).toEqual({ fields: ['x', 'y\tz', ''], open: false });
    expect(splitDelimited('a,b"c,d', ',').fields).toEqual(['a', 'b"c', 'd']);
    expect(splitDelimited('a,"open', ',').open).toBe(true);
  });

  it('guesses the delimiter and names header columns', () => {
    expect(guessDelimiter('a,b,c')).toBe(',');
    expect(guessDelimiter('a\tb\tc,d')).toBe('\t');
    expect(guessDelimiter('"a;b",c')).toBe(',');
    expect(headerNames([' a ', '', 'a', 'b', 'a'])).toEqual(['a', 'column_2', 'a_2', 'b', 'a_3']);
  });

  it('joins lines of a quoted field and gives up on a quote that never closes', () => {
    const rows = new DelimitedRecords(',', 3);
    expect(rows.push('1,"multi', 1)).toEqual([]);
    expect(rows.push('line",2', 2)).toEqual([{ cells: ['1', 'multi\nline', '2'], line: 1 }]);
    expect(rows.push('3,"never', 3)).toEqual([]);
    expect(rows.push('4,x', 4)).toEqual([]);
    expect(rows.push('5,y', 5)).toEqual([]);
    expect(rows.push('6,z', 6)).toEqual([
      { badLine: 3, reason: 'unterminated quoted field' },
      { cells: ['4', 'x'], line: 4 }, { cells: ['5', 'y'], line: 5 }, { cells: ['6', 'z'], line: 6 },
    ]);
    expect(rows.push('7,"end', 7)).toEqual([]);
    expect(rows.end()).toEqual([{ badLine: 7, reason: 'unterminated quoted field' }]);
  });
});
