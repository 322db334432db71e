/** What every result sink accepts: result documents on the wire (snake_case, Elastic's names). */
export interface ResultDocLike {
  job_id: string;
  result_type: string;
  /** Bucket start, epoch ms. */
  timestamp: number;
  [field: string]: unknown;
}

/** A destination for result documents: a file, an OpenSearch index. */
export interface ResultSink {
  write(docs: readonly ResultDocLike[]): Promise<void>;
  close(): Promise<void>;
}
