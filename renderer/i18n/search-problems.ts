import type { IntlShape } from 'react-intl';
import type { ParsedQuery, QueryProblem, SearchQuery } from '../../common/search/query';
import { intl as currentIntl } from './intl';

/**
 * A part of the search box's text the parser could not read (common/search/query.ts), in the
 * language shown. The operators and the words they take (has:attachment, is:unread, today) are
 * the search language's own and stay as they are typed. `intl`: a component's own layer, or the
 * one of the language shown now.
 */
export function queryProblemText(problem: QueryProblem, intl: IntlShape = currentIntl()): string {
  switch (problem.kind) {
    case 'unknown-operator':
      return intl.formatMessage(
        { id: 'search.problem.unknownOperator', defaultMessage: '“{operator}:” is not something the search knows: “{raw}” was searched as words.' },
        { operator: problem.operator, raw: problem.raw },
      );
    case 'missing-value':
      return intl.formatMessage(
        {
          id: 'search.problem.missingValue',
          defaultMessage:
            '“{operator}:” needs something after it, e.g. {operator, select, from {from:ann} to {to:bob@example.com} cc {cc:carol} subject {subject:invoice} body {body:contract} filename {filename:pdf} has {has:attachment} is {is:unread} in {in:Archive or in:"Old projects"} before {before:2026-03-31} after {after:yesterday} larger {larger:2M} other {{operator}:word}}.',
        },
        { operator: problem.operator },
      );
    case 'unknown-has':
      return intl.formatMessage({ id: 'search.problem.unknownHas', defaultMessage: '“{raw}” was not understood: the search knows has:attachment.' }, { raw: problem.raw });
    case 'unknown-is':
      return intl.formatMessage({ id: 'search.problem.unknownIs', defaultMessage: '“{raw}” was not understood: the search knows is:unread, is:read and is:flagged.' }, { raw: problem.raw });
    case 'not-a-day':
      return intl.formatMessage({ id: 'search.problem.notADay', defaultMessage: '“{raw}” was not understood: write the day as 2026-03-31, today or yesterday.' }, { raw: problem.raw });
    case 'excluded-day':
      return intl.formatMessage({ id: 'search.problem.excludedDay', defaultMessage: '“{raw}” was left out: write {instead}: instead.' }, { raw: problem.raw, instead: problem.instead });
    case 'excluded-folder':
      return intl.formatMessage({ id: 'search.problem.excludedFolder', defaultMessage: '“{raw}” was left out: a search can look in a folder, not around one.' }, { raw: problem.raw });
    case 'not-a-size':
      return intl.formatMessage({ id: 'search.problem.notASize', defaultMessage: '“{raw}” was not understood: write a size such as 500k or 2M.' }, { raw: problem.raw });
    case 'excluded-size':
      return intl.formatMessage({ id: 'search.problem.excludedSize', defaultMessage: '“{raw}” was left out: a search cannot exclude a size.' }, { raw: problem.raw });
    case 'query-cut':
      return intl.formatMessage({ id: 'search.problem.queryCut', defaultMessage: 'Only the first {searched, number} characters were searched.' }, { searched: problem.searched });
    case 'texts-dropped':
      return intl.formatMessage(
        { id: 'search.problem.textsDropped', defaultMessage: 'Only the first {searched, number} words were searched; {dropped, plural, one {# more was left out} other {# more were left out}}.' },
        { searched: problem.searched, dropped: problem.dropped },
      );
    case 'days-exclude-each-other':
      return intl.formatMessage({
        id: 'search.problem.daysExcludeEachOther',
        defaultMessage: 'Nothing can be both after and before those days: after: is the first day included, before: the first day left out.',
      });
    case 'more-problems':
      return intl.formatMessage(
        { id: 'search.problem.moreProblems', defaultMessage: 'And {count, plural, one {# more part was} other {# more parts were}} not understood.' },
        { count: problem.count },
      );
    default: {
      const unknownProblem: never = problem;
      throw new Error(`Unknown search problem ${JSON.stringify(unknownProblem)}`);
    }
  }
}

/** The parser's query with its problems said in the language shown: the query the search runs and the search bar shows. */
export function wordQuery(parsed: ParsedQuery, intl: IntlShape = currentIntl()): SearchQuery {
  return { ...parsed, problems: parsed.problems.map((problem) => queryProblemText(problem, intl)) };
}
