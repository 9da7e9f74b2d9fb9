import { Composer } from 'grammy';
import { CurrentPrompt, DeliveryTarget, RecordActivity, SendMessage } from '../api/operations.ts';
import type { BotContext } from '../context.ts';

/**
 * Where a plain message goes. A reply to something the bot pushed goes where that came from:
 * into the conversation of a pushed message, or into the diary as the answer to a pushed
 * check-in. Otherwise it goes to the conversation opened from the chat list, if any; else it
 * is a diary entry, answering the latest open check-in when there is one.
 */
export const text = new Composer<BotContext>();

text.on('message:text', async (ctx, next) => {
  if (ctx.message.text.startsWith('/')) return next();
  const entry = ctx.message.text;
  const repliedTo = ctx.message.reply_to_message;
  if (repliedTo && repliedTo.from?.id === ctx.me.id) {
    const target = await targetOf(ctx, repliedTo.message_id, repliedTo.date);
    if (target?.__typename === 'Message') return sendInto(ctx, target.conversation.id, entry);
    if (target?.__typename === 'CheckInPrompt') return record(ctx, entry, target.id);
  }
  if (ctx.session.openConversationId) return sendInto(ctx, ctx.session.openConversationId, entry);
  const { me } = await ctx.as(CurrentPrompt, {});
  return record(ctx, entry, me.currentPrompt?.id ?? null);
});

/**
 * How long after the bot sent a message its report (which names it) may still be on its way:
 * the worker reports within milliseconds of Telegram's answer, and Telegram dates a message in
 * whole seconds.
 */
const reportLagSeconds = 5;

/** Asks at most this many times (0.6 s of waiting in all): the chat's other updates wait meanwhile. */
const maxAttempts = 3;

/**
 * What a message the bot sent was about. The worker reports a send just after Telegram accepts
 * it, so a quick reply to a message that new may come first: ask again for a moment. Most
 * replies are to older messages, or to ones that were never pushed (a "Saved", a menu): asked
 * about once.
 */
async function targetOf(ctx: BotContext, messageId: number, sentAt: number) {
  const variables = { chatId: ctx.person.chatId, externalId: String(messageId) };
  for (let attempt = 1; ; attempt++) {
    const { deliveryTarget } = await ctx.deps.client.request(DeliveryTarget, variables, { service: true });
    const recent = Date.now() / 1000 - sentAt < reportLagSeconds;
    if (deliveryTarget || !recent || attempt === maxAttempts) return deliveryTarget;
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
}

async function sendInto(ctx: BotContext, conversationId: string, entry: string): Promise<void> {
  await ctx.as(SendMessage, { input: { conversationId, text: entry } });
  await ctx.react('👍');
}

async function record(ctx: BotContext, entry: string, promptId: string | null): Promise<void> {
  await ctx.as(RecordActivity, { input: { text: entry, promptId } });
  await ctx.reply(ctx.t('diary-recorded'));
}
