// A check step's detail in the learner's language. `{en, zh}` is picked. A plain string is values, or hotlab's own
// words passed on by a check (an update's notes and reasons, joined with `; `): the lab says the fixed ones in
// Chinese as it does everywhere else (shared/engine-notes-zh.ts), and leaves anything else as it is.
import { pick, type Language, type MaybeLocalized } from '../../engine/lessons/language.ts';

export function checkDetail(detail: MaybeLocalized, lang: Language, engineNote: (text: string) => string): string {
  // A lesson's zh text can quote an engine sentence (`被拒绝：…`): it goes through engineNote too.
  const text = typeof detail === 'string' ? detail : pick(detail, lang);
  return text.split('; ').map(engineNote).join('; ');
}
