import { CheckInSettingsSection } from './check-in-settings-form.tsx';
import { CurrentPrompt } from './current-prompt.tsx';
import { FriendsFeed } from './friends-feed.tsx';
import { MyEntries } from './my-entries.tsx';
import { QuestionsSection } from './questions.tsx';
import './diary.css';

/** The diary: answer the current check-in, read back your entries and your friends', and tune the check-ins. */
export function DiaryPage() {
  return (
    <div className="diary">
      <div className="diary-column">
        <CurrentPrompt />
        <MyEntries />
      </div>
      <div className="diary-column">
        <FriendsFeed />
      </div>
      <div className="diary-column">
        <CheckInSettingsSection />
        <QuestionsSection />
      </div>
    </div>
  );
}
