import type { NextFunction } from 'grammy';
import { ApiError } from '../api/client.ts';
import type { BotContext } from '../context.ts';
import type { TelegramPerson } from '../identity.ts';

/**
 * Who is who: the person behind a private-chat update acts as their own account. `/start CODE`
 * first links their Telegram account to the web account that made the code (so no bot-only
 * account is made for them); everyone else is signed in, and registered on first contact. A
 * plain `/start`, or unblocking the bot, signs them in anew: the API hears they are reachable
 * again. Updates from groups, channels or without a sender are ignored.
 */
export async function identify(ctx: BotContext, next: NextFunction): Promise<void> {
  const from = ctx.from;
  if (!from || from.is_bot || ctx.chat?.type !== 'private') return;
  // Blocking the bot is not talking to it: signing them in would mark them reachable.
  const membership = ctx.myChatMember?.new_chat_member.status;
  if (membership !== undefined && membership !== 'member') return;
  const person: TelegramPerson = {
    telegramId: String(from.id),
    chatId: String(ctx.chat.id),
    username: from.username ?? null,
    firstName: from.first_name,
    languageCode: from.language_code ?? null,
  };
  const { identities } = ctx.deps;
  const code = /^\/start\s+(\S+)/.exec(ctx.message?.text ?? '')?.[1];
  if (code) {
    try {
      await identities.link(person, code);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.linkFailure = error.message;
    }
  }
  const returning = /^\/start\s*$/.test(ctx.message?.text ?? '') || membership === 'member';
  ctx.person = person;
  ctx.account = await (returning ? identities.signInAgain(person) : identities.accountOf(person));
  ctx.as = (document, variables, options) => identities.as(person, document, variables, options);
  // The language was chosen before anyone was signed in: the account's own comes first now.
  await ctx.i18n.renegotiateLocale();
  await next();
}
