// "Does the document mention X anywhere?" asked again after every keystroke. An answer is kept with
// the section that proved it (its position among the sections and its identity: a section whose
// text changed gets a new one), so on the next text a yes stands while that section is unchanged,
// and a no is re-asked of the changed sections only. A match cannot cross a section boundary:
// sections are cut after a line break, and a question holding one is always searched afresh.

interface Answer {
  /** Where a section containing the text sat, or null when none did; 'search' to look again. */
  witness: { index: number; key: unknown } | null | 'search';
  /** The check the answer was last confirmed in. */
  round: number;
}

export class MentionIndex {
  private answers = new Map<string, Answer>();
  private round = 0;
  private keys: readonly unknown[] = [];
  private changed: number[] = [];
  private sections: readonly { text: string; offset: number }[] = [];
  private text = '';

  /** Starts a new text: its sections (text and offset), each with a key that changes with its text. */
  next(text: string, sections: readonly { text: string; offset: number }[], keys: readonly unknown[]): void {
    const before = this.keys;
    this.round++;
    this.text = text;
    this.sections = sections;
    this.keys = keys;
    this.changed = keys.flatMap((k, i) => (before[i] === k ? [] : [i]));
    // Answers not confirmed in the last round may predate other edits: they are asked afresh.
    for (const [q, a] of this.answers) if (a.round < this.round - 1) this.answers.delete(q);
  }

  /** Whether the answers are about this text (the latest one given). */
  isAbout(text: string): boolean {
    return this.text === text;
  }

  mentions(q: string): boolean {
    const known = this.answers.get(q);
    if (known && known.round === this.round) return known.witness !== null;
    let witness: Answer['witness'] | undefined;
    if (known && known.witness !== 'search') {
      if (known.witness === null) {
        const i = this.changed.find((c) => this.sections[c].text.includes(q));
        witness = i === undefined ? null : { index: i, key: this.keys[i] };
      } else if (this.keys[known.witness.index] === known.witness.key) witness = known.witness;
    }
    if (witness === undefined) witness = this.search(q);
    this.answers.set(q, { witness, round: this.round });
    return witness !== null;
  }

  private search(q: string): Answer['witness'] {
    const at = this.text.indexOf(q);
    if (at < 0) return null;
    const i = this.sections.findIndex((s) => s.offset <= at && at + q.length <= s.offset + s.text.length);
    return i >= 0 && !q.includes('\n') ? { index: i, key: this.keys[i] } : 'search';
  }
}
