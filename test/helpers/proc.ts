/** Resident memory read from /proc (Linux), for tests and benches that bound memory, not time. @module */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident bytes of a process; 0 once it has ended. */
export function residentOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  } catch {
    return 0;
  }
}

/** Resident bytes of this process's child processes (extraction children, say), summed. */
export function childrenResident(): number {
  const pids = readdirSync('/proc/self/task').flatMap((tid) => readFileSync(`/proc/self/task/${tid}/children`, 'utf8').split(' ').filter(Boolean));
  return pids.reduce((sum, pid) => sum + residentOf(Number(pid)), 0);
}
