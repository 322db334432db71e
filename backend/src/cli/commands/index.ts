/** The registry of CLI commands, in the order `vigil --help` lists them. Add one import and one entry per command. */
import type { CliCommand } from '../main';
import { command as analyze } from './analyze';
import { command as categorize } from './categorize';
import { command as demo } from './demo';
import { command as ingest } from './ingest';
import { command as serve } from './serve';
import { command as simulate } from './simulate';

export const commands: CliCommand[] = [
  analyze,
  categorize,
  demo,
  ingest,
  serve,
  simulate,
];
