/**
 * Verdicts on real central/local pairs (issue 17), session 25: the degree of an answer that was found
 * (covered, strengthened, weakened), each by a general drafting pattern.
 */
import { describe, expect, it } from 'vitest';
import { compareDuties } from '../pipeline/compare/duties.js';

describe('a statement without a modal word restated part by part with an act put between its parts', () => {
  const central = '地方各级人民政府领导本行政区域内的防汛工作，统一规划并负责组织、协调有关部门共同做好防汛工作。';
  it('asks more: the inserted act is the local side\'s own', () => {
    const local = '县级以上人民政府领导本行政区域内的防汛工作，负责制定年度防汛预案，保障防汛工作经费，统一规划并负责组织、协调有关部门共同做好防汛工作。';
    expect(compareDuties(central, [local], local)).toEqual({ effect: 'stronger', reason: 'duty added 负责制定年度防汛预案' });
  });
  it('asks nothing more when the extra part only follows the restated ones (an aim, not an act between them)', () => {
    const local = '县级以上人民政府领导本行政区域内的防汛工作，统一规划并负责组织、协调有关部门共同做好防汛工作，提高群众的防灾减灾意识。';
    expect(compareDuties(central, [local], local)).toBeNull();
  });
  it('asks nothing more when another central sentence asks the inserted act', () => {
    const local = '县级以上人民政府领导本行政区域内的防汛工作，负责制定年度防汛预案，统一规划并负责组织、协调有关部门共同做好防汛工作。';
    expect(compareDuties(central, [local], local, `${central}\n县级以上人民政府负责制定年度防汛预案。`)).toBeNull();
  });
});
