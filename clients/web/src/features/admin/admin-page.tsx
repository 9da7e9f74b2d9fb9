import { useId, useState } from 'react';
import { BroadcastComposer } from './broadcast-composer.tsx';
import { BroadcastHistory } from './broadcast-history.tsx';
import { BroadcastProgressPanel } from './broadcast-progress-panel.tsx';
import { StatsSection } from './stats-section.tsx';
import './admin.css';

/**
 * The admin's screen: write and send a broadcast, follow one as it goes out (the one just sent
 * or one picked from the history), and the service's numbers.
 */
export function AdminPage() {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const progressHeading = useId();
  const historyHeading = useId();

  return (
    <div className="admin-page">
      <div className="admin-column">
        <BroadcastComposer onSent={setSelectedId} />
        <section className="card stack" aria-labelledby={progressHeading}>
          <h2 id={progressHeading}>Progress</h2>
          {selectedId ? (
            <BroadcastProgressPanel key={selectedId} broadcastId={selectedId} />
          ) : (
            <p className="muted">Send a broadcast, or choose one from the history, to follow it here.</p>
          )}
        </section>
      </div>
      <div className="admin-column">
        <section className="card stack" aria-labelledby={historyHeading}>
          <h2 id={historyHeading}>History</h2>
          <BroadcastHistory selectedId={selectedId} onSelect={setSelectedId} />
        </section>
        <StatsSection />
      </div>
    </div>
  );
}
