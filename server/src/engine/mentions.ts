// "Does the document mention X anywhere?" asked again after every keystroke. An answer is kept with
// the section that proved it (its position among the sections and its text), so on the next text
// a yes stands while that section is unchanged, and a no is re-asked of the changed sections only.
// A match cannot cross a section boundary: sections are cut after a line break and the questions
// asked this way hold none.

interface Answer {
  /** Key of a section that contains the text, or null when none did. */
  witness: string | null;
  /** The check the answer was last confirmed in. */
  round: number;
}

export class MentionIndex {
  private answers = new Map<string, Answer>();
  private round = 0;
  private keys: readonly string[] = [];
  private present = new Set<string>();
  private changed: number[] = [];
  private sections: readonly { text: string; offset: number }[] = [];
  private text = '';

  /** Starts a new text: its sections (text and offset) with their keys. */
  next(text: string, sections: readonly { text: string; offset: number }[], keys: readonly string[]): void {
    const before = this.present;
    this.round++;
    this.text = text;
    this.keys = keys;
    this.sections = sections;
    this.present = new Set(keys);
    this.changed = keys.flatMap((k, i) => (before.has(k) ? [] : [i]));
    // Answers not confirmed in the last round may predate other edits: they are asked afresh.
    for (const [q, a] of this.answers) if (a.round < this.round - 1) this.answers.delete(q);
  }

  mentions(q: string): boolean {
    const known = this.answers.get(q);
    let witness: string | null | undefined;
    if (known && known.round === this.round) return known.witness !== null;
    if (known && !q.includes('\n')) {
      if (known.witness !== null && this.present.has(known.witness)) witness = known.witness;
      else if (known.witness === null) {
        const i = this.changed.find((c) => this.sections[c].text.includes(q));
        witness = i === undefined ? null : this.keys[i];
      }
    }
    if (witness === undefined) witness = this.search(q);
    this.answers.set(q, { witness, round: this.round });
    return witness !== null;
  }

  private search(q: string): string | null {
    const at = this.text.indexOf(q);
    if (at < 0) return null;
    // The section holding the match; one that crosses sections is searched for again next time.
    const i = this.sections.findIndex((s) => s.offset <= at && at + q.length <= s.offset + s.text.length);
    return i >= 0 && !q.includes('\n') ? this.keys[i] : `\u0001${q}`;
  }
}
