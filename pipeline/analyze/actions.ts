/**
 * The action and object of a requirement whose verb the rules could not name: the first word after
 * its marker, as the document's one segmentation (the search tokens) has it; only words that start
 * inside a word of that segmentation are segmented again, all in one jieba call.
 * @module
 */
import { cut } from '../segment/index.js';
import { WORDLIKE } from './finding.js';
import { LEADING_FILLER } from './normative.js';
import type { Finding } from './types.js';

/** A finding waiting for its action: the words after its marker and where they start in the document. */
export interface PendingAction {
  finding: Finding;
  words: string;
  at: number;
}

/** Enough characters to hold the first word. */
const HEAD_CHARS = 8;

function setAction({ finding, words }: PendingAction, action: string | undefined): void {
  finding.action = action ?? null;
  if (action === undefined) return;
  finding.object = words.slice(words.indexOf(action) + action.length).replace(LEADING_FILLER, '').trim() || null;
}

/**
 * Fed the document's tokens in order (with their offsets), gives each pending finding the first word
 * with a letter or number from where its words start; what starts inside a token is left for `finish`.
 */
export class ActionSeeker {
  private readonly queue: PendingAction[];
  private next = 0;
  private seeking: PendingAction[] = [];
  private readonly unaligned: PendingAction[] = [];

  constructor(pending: readonly PendingAction[]) {
    this.queue = [...pending].sort((a, b) => a.at - b.at);
  }

  get done(): boolean {
    return this.next >= this.queue.length && this.seeking.length === 0;
  }

  token(word: string, start: number, wordlike: boolean): void {
    const queue = this.queue;
    // Started inside the previous token: that word is not this text's first.
    while (this.next < queue.length && queue[this.next]!.at < start) this.unaligned.push(queue[this.next++]!);
    while (this.next < queue.length && queue[this.next]!.at === start) this.seeking.push(queue[this.next++]!);
    if (!this.seeking.length) return;
    if (wordlike) {
      for (const p of this.seeking) setAction(p, word);
      this.seeking = [];
    } else {
      this.seeking = this.seeking.filter((p) => start < p.at + HEAD_CHARS || (setAction(p, undefined), false));
    }
  }

  /** Segments the heads of what the tokens did not answer, in one jieba call. */
  finish(): void {
    const rest = [...this.unaligned, ...this.seeking, ...this.queue.slice(this.next)];
    if (!rest.length) return;
    const lines: string[][] = [[]];
    for (const token of cut(rest.map((p) => p.words.slice(0, HEAD_CHARS)).join('\n'))) {
      if (token === '\n') lines.push([]);
      else lines[lines.length - 1]?.push(token);
    }
    rest.forEach((p, i) => setAction(p, (lines[i] ?? []).find((t) => WORDLIKE.test(t))));
  }
}
