import type { Scenario } from '../lib/context.ts';
import { notRun } from '../lib/results.ts';

export const telegramRate: Scenario = {
  id: 9,
  title: 'Telegram delivery rate',
  async run() {
    return [notRun('9. Telegram delivery rate', '≥ 95% of 30/s, 0 lost, 0 duplicated', 'not built yet')];
  },
};
