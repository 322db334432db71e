/** Errors of the job manager with the HTTP status the REST API answers them with. */
import type { ConfigProblem } from '../engine/config';

export class JobManagerError extends Error {
  constructor(message: string, readonly status: 400 | 404 | 409 | 500 | 503, readonly errors: ConfigProblem[] = [{ message }]) {
    super(message);
    this.name = 'JobManagerError';
  }
}

export const notFound = (jobId: string): JobManagerError => new JobManagerError(`job "${jobId}" does not exist`, 404);
export const conflict = (message: string): JobManagerError => new JobManagerError(message, 409);
