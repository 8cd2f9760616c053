/**
 * Verdicts on real central/local pairs (issue 17), session 25: the degree of an answer that was found
 * (covered, strengthened, weakened), each by a general drafting pattern.
 */
import { describe, expect, it } from 'vitest';
import { notApplicable } from '../pipeline/compare/applicability.js';
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

describe('a matter whose regime the State Council\'s rules set, with no duty laid and no local body named', () => {
  it('binds only the national level', () => {
    expect(notApplicable('农作物种子的进出口依照国务院的规定，实行统一管理。')).toMatchObject({ code: 'national' });
  });
  it('is a duty when a modal word lays it or a local body bears it', () => {
    expect(notApplicable('县级以上地方人民政府应当依照国务院的规定，对种子的进出口实行统一管理。')).toBeNull();
    expect(notApplicable('种子经营者依照国务院的规定，可以申请进出口许可。')).toBeNull();
  });
  it('is not a regime when only a procedure is the State Council\'s (按照国务院规定的审批程序批准)', () => {
    expect(notApplicable('城市排水规划，由城市人民政府组织编制，按照国务院规定的审批程序批准后纳入城市总体规划。')).toBeNull();
  });
});
