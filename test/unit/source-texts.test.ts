// Each snapshot sees the texts as they were when it was taken, also after many later changes
// (which fold the changes into a new base) and deletions.
import assert from 'node:assert/strict';
import { FileText } from '../../server/src/index/fileText';
import { SourceTexts } from '../../server/src/index/sourceTexts';

describe('source texts per snapshot', () => {
  it('a view keeps the texts of its moment through later changes, folds and deletions', () => {
    const texts = new SourceTexts();
    const at = (n: number) => FileText.of('a.go', `package a // ${n}`);
    for (let i = 0; i < 200; i++) texts.set(`f${i}.go`, FileText.of(`f${i}.go`, `package f // ${i}`));
    texts.set('a.go', at(0));
    const first = texts.view();
    for (let n = 1; n <= 150; n++) {
      texts.set('a.go', at(n));
      texts.set(`g${n}.go`, FileText.of(`g${n}.go`, 'package g'));
      if (n === 100) texts.delete('f7.go');
    }
    const last = texts.view();
    assert.equal(first.get('a.go')?.text, 'package a // 0');
    assert.equal(first.get('f7.go')?.text, 'package f // 7');
    assert.equal(first.get('g1.go'), undefined);
    assert.equal(last.get('a.go')?.text, 'package a // 150');
    assert.equal(last.get('f7.go'), undefined);
    assert.equal(last.get('g150.go')?.text, 'package g');
    texts.set('a.go', at(151));
    assert.equal(last.get('a.go')?.text, 'package a // 150');
    assert.equal(texts.view().get('a.go')?.text, 'package a // 151');
  });
});
