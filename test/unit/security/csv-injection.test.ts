import { expect } from 'chai';
import { asTextCell, fromTextCell, parseCsv, toCsv } from '../../../src/features/attendant/api/csv.js';

describe('CSV export: a cell a spreadsheet would run as a formula is exported as text', () => {
  it('prefixes = + - @, tab and carriage return with a quote', () => {
    const names = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const [, ...rows] = parseCsv(toCsv(['name'], names.map((n) => [n])));
    expect(rows.map((r) => r[0])).to.deep.equal(names.map((n) => `'${n}`));
  });

  it('leaves ordinary cells alone, a quote or minus inside them included', () => {
    expect(toCsv(['name', 'extension'], [['Mary-Jane O\'Neil', '1005']])).to.equal('name,extension\r\nMary-Jane O\'Neil,1005\r\n');
  });

  it('round-trips through import: a number with + and a name that really starts with a quote come back as they were', () => {
    for (const value of ['+5551234', "'=already quoted", "''+x", 'plain', "'plain"]) {
      expect(fromTextCell(asTextCell(value))).to.equal(value);
    }
  });
});
