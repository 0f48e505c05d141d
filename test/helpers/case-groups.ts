/**
 * A rule's RuleTester cases as data, so that the rule's own test and the typed ⊇ untyped suite run the same cases.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

/** One `RuleTester.run` worth of cases: what one mode (untyped or typed) must report for each. */
export interface CaseGroup<MessageIds extends string, Options extends readonly unknown[]> {
  name: string;
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageIds, Options>[];
}

/** A rule's cases: those written for the untyped run and those written for the typed run. */
export interface RuleCases<MessageIds extends string, Options extends readonly unknown[]> {
  untyped: CaseGroup<MessageIds, Options>[];
  typed: CaseGroup<MessageIds, Options>[];
}
