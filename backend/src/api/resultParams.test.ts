import { HttpError } from './http';
import { parseResultQuery } from './resultParams';

const q = (s: string) => parseResultQuery(new URLSearchParams(s));
const problem = (s: string): unknown => {
  try {
    q(s);
  } catch (err) {
    return [(err as HttpError).status, (err as HttpError).message];
  }
  return 'no error';
};

describe('results query parameters', () => {
  it('defaults: first 100, no interim, no filters', () => {
    expect(q('')).toEqual({ start: undefined, end: undefined, minScore: undefined, from: 0, size: 100, entities: [], includeInterim: false });
  });

  it('epoch ms and ISO times, repeatable entities (value may hold "="), paging', () => {
    expect(q('start=1655100000000&end=2022-06-13T07:00:00Z&entity=src%3D10.0.0.5&entity=msg%3Da%3Db&from=10&size=50&min_score=25&include_interim=true')).toEqual({
      start: 1655100000000,
      end: 1655103600000,
      minScore: 25,
      from: 10,
      size: 50,
      entities: [{ field: 'src', value: '10.0.0.5' }, { field: 'msg', value: 'a=b' }],
      includeInterim: true,
    });
  });

  it('bad values are 400s naming the parameter', () => {
    expect(problem('start=yesterday')).toEqual([400, 'start: "yesterday" is neither epoch ms nor an ISO date-time']);
    expect(problem('size=10001')).toEqual([400, 'size: "10001" is above 10000']);
    expect(problem('from=9990&size=20')).toEqual([400, 'from + size: 10010 is above 10000 (page with a narrower time range)']);
    expect(problem('min_score=-1')).toEqual([400, 'min_score: "-1" is below 0']);
    expect(problem('entity=src')).toEqual([400, 'entity: "src" is not field=value']);
    expect(problem('include_interim=maybe')).toEqual([400, 'include_interim: "maybe" is not true or false']);
    expect(problem('start=2&end=1')).toEqual([400, 'end: 1 is before start 2']);
    expect(problem('size=1&size=2')).toEqual([400, 'size: given 2 times']);
  });
});
