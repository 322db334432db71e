/**
 * Custom rules of a detector (engine-anchors §2): `skip_result` / `skip_model_update` when all
 * conditions on actual / typical / diff_from_typical / time hold and the series is in scope
 * (its by/over/partition value is in an `include` filter, or not in an `exclude` filter).
 */
import type { CustomRulePlan } from '../config/analysisPlan';

export interface RuleContext {
  actual: number | null;
  /** NaN when not known (the model has no estimate yet). */
  typical: number;
  /** Bucket start, epoch seconds. */
  timeSec: number;
  /** Split field name → the series' value. */
  fieldValues: Record<string, string | null>;
}

export interface RuleOutcome {
  skipResult: boolean;
  skipModelUpdate: boolean;
}

function compare(lhs: number, op: string, rhs: number): boolean {
  switch (op) {
    case 'gt': return lhs > rhs;
    case 'gte': return lhs >= rhs;
    case 'lt': return lhs < rhs;
    case 'lte': return lhs <= rhs;
    default: return false;
  }
}

/** True when every scope entry and every condition of the rule holds. */
export function ruleApplies(rule: CustomRulePlan, ctx: RuleContext): boolean {
  for (const s of rule.scope) {
    const v = ctx.fieldValues[s.fieldName];
    const inFilter = v !== null && v !== undefined && s.values.includes(v);
    if (s.filterType === 'include' ? !inFilter : inFilter) return false;
  }
  for (const c of rule.conditions) {
    let lhs: number;
    switch (c.appliesTo) {
      case 'actual':
        if (ctx.actual === null) return false;
        lhs = ctx.actual;
        break;
      case 'typical':
        lhs = ctx.typical;
        break;
      case 'diff_from_typical':
        if (ctx.actual === null) return false;
        lhs = Math.abs(ctx.actual - ctx.typical);
        break;
      case 'time':
        lhs = ctx.timeSec;
        break;
      default:
        return false;
    }
    if (!Number.isFinite(lhs) || !compare(lhs, c.operator, c.value)) return false;
  }
  return true;
}

export function evaluateRules(rules: CustomRulePlan[], ctx: RuleContext): RuleOutcome {
  const out: RuleOutcome = { skipResult: false, skipModelUpdate: false };
  for (const r of rules) {
    if (!ruleApplies(r, ctx)) continue;
    if (r.actions.includes('skip_result')) out.skipResult = true;
    if (r.actions.includes('skip_model_update')) out.skipModelUpdate = true;
  }
  return out;
}
