/**
 * @module core/open
 * Builds the production Core from configuration. The index is loaded (or built) on the first
 * question, never at construction, so front ends can acknowledge platform requests first.
 */
import type { Config } from '../config.js';
import type { Logger } from './logger.js';
import type { Core } from './types.js';

/** A Core over `config.corpusDir` with its index in `config.dataDir`, loaded lazily. */
export function openCore(config: Config, logger: Logger): Core {
  void config;
  void logger;
  throw new Error('openCore: being written in this session');
}
