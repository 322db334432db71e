import type { CustomRulePlan } from '../config/analysisPlan';
import { evaluateRules, ruleApplies } from './customRules';

const ctx = { actual: 50, typical: 10, timeSec: 1000, fieldValues: { host: 'web1' } };

describe('custom rules', () => {
  it('conditions on actual, typical and diff_from_typical all have to hold', () => {
    const rule: CustomRulePlan = { actions: ['skip_result'], scope: [], conditions: [
      { appliesTo: 'actual', operator: 'gt', value: 40 }, { appliesTo: 'diff_from_typical', operator: 'gte', value: 40 },
    ] };
    expect(ruleApplies(rule, ctx)).toBe(true);
    expect(ruleApplies(rule, { ...ctx, typical: 11 })).toBe(false);
    expect(ruleApplies({ ...rule, conditions: [{ appliesTo: 'typical', operator: 'lt', value: 10 }] }, ctx)).toBe(false);
    expect(ruleApplies({ ...rule, conditions: [{ appliesTo: 'typical', operator: 'lte', value: 10 }] }, ctx)).toBe(true);
    expect(ruleApplies({ ...rule, conditions: [{ appliesTo: 'time', operator: 'lt', value: 999 }] }, ctx)).toBe(false);
    expect(ruleApplies({ ...rule, conditions: [{ appliesTo: 'typical', operator: 'gt', value: 0 }] }, { ...ctx, typical: NaN })).toBe(false);
  });

  it('scopes through include and exclude filters', () => {
    const inc: CustomRulePlan = { actions: ['skip_model_update'], conditions: [], scope: [
      { fieldName: 'host', filterId: 'safe', filterType: 'include', values: ['web1', 'web2'] }] };
    expect(evaluateRules([inc], ctx)).toEqual({ skipResult: false, skipModelUpdate: true });
    expect(evaluateRules([inc], { ...ctx, fieldValues: { host: 'db' } })).toEqual({ skipResult: false, skipModelUpdate: false });
    const exc: CustomRulePlan = { ...inc, actions: ['skip_result', 'skip_model_update'], scope: [{ ...inc.scope[0], filterType: 'exclude' }] };
    expect(evaluateRules([exc], ctx)).toEqual({ skipResult: false, skipModelUpdate: false });
    expect(evaluateRules([exc], { ...ctx, fieldValues: { host: 'db' } })).toEqual({ skipResult: true, skipModelUpdate: true });
  });
});
