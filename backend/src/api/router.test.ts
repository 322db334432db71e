import { Router } from './router';
import { routes } from './routes';

describe('router', () => {
  const router = new Router(routes);

  it('matches the route table by method and path, decoding path parameters', () => {
    const m = router.match('GET', '/api/jobs/zeek-008/results/swimlane');
    expect(m.kind === 'found' && [m.route.path, m.params]).toEqual(['/api/jobs/{job_id}/results/swimlane', { job_id: 'zeek-008' }]);
    const put = router.match('PUT', '/api/jobs/a%2Fb');
    expect(put.kind === 'found' && put.params).toEqual({ job_id: 'a/b' });
    expect(router.match('POST', '/api/jobs/x/_open').kind).toBe('found');
  });

  it('405 lists the allowed methods; unknown paths are not found', () => {
    expect(router.match('PATCH', '/api/jobs/x')).toEqual({ kind: 'method_not_allowed', allowed: ['PUT', 'GET', 'DELETE'] });
    expect(router.match('GET', '/api/jobs/x/results/nothing')).toEqual({ kind: 'not_found' });
    expect(router.match('GET', '/api/jobs/x/y/_open')).toEqual({ kind: 'not_found' });
  });

  it('only health and metrics are open without a token', () => {
    expect(routes.filter((r) => !r.auth).map((r) => r.path)).toEqual(['/api/health', '/metrics']);
  });
});
