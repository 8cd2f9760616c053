/**
 * Degree once an answer is found (issue 17): what a local answer adds or drops that makes it ask more
 * (strengthened) or less (weakened) than the central sentence, and what only looks like it.
 */
import { describe, expect, it } from 'vitest';
import { compareDuties } from '../pipeline/compare/duties.js';

describe('compare degree: further duties', () => {
  const central = '教师应当忠诚于人民的教育事业。';
  const document = `${central}\n教师应当履行下列义务：\n（一）遵守宪法、法律和职业道德，为人师表；`;

  it('a part binding the bearer to the law\'s duties is a reference, not a further duty', () => {
    expect(compareDuties(central, ['教师应当忠诚于人民的教育事业，履行《教师法》规定的义务。'], '', document)).toBeNull();
    expect(compareDuties(central, ['教师应当忠诚于人民的教育事业，遵守有关法律、法规。'], '', document)).toBeNull();
  });

  it('a further duty another central sentence asks belongs to that item', () => {
    expect(compareDuties(central, ['教师应当忠诚于人民的教育事业，遵守教师的职业道德，为人师表。'], '', document)).toBeNull();
    expect(compareDuties(central, ['教师应当忠诚于人民的教育事业，每学期参加一次家访。'], '', document))
      .toEqual({ effect: 'stronger', reason: 'duty added 每学期参加一次家访' });
  });
});
