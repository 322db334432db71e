import { parseVariableQuery } from './variables';

describe('parseVariableQuery', () => {
  it('reads jobs() and entities(job[, view_by])', () => {
    expect(parseVariableQuery('jobs()')).toEqual({ kind: 'jobs' });
    expect(parseVariableQuery('')).toEqual({ kind: 'jobs' });
    expect(parseVariableQuery('entities(zeek-008)')).toEqual({ kind: 'entities', jobId: 'zeek-008', viewBy: 'entity' });
    expect(parseVariableQuery(' entities( zeek-008 , src ) ')).toEqual({ kind: 'entities', jobId: 'zeek-008', viewBy: 'src' });
  });

  it('rejects anything else with the accepted forms', () => {
    expect(() => parseVariableQuery('process.exit(1)')).toThrow('use jobs() or entities(<job_id>[, <field or entity>])');
  });
});
