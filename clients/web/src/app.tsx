import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './app-context.tsx';
import { AdminPage } from './features/admin/admin-page.tsx';
import { AuthScreen } from './features/auth/auth-screen.tsx';
import { ConversationsPage } from './features/conversations/conversations-page.tsx';
import { DiaryPage } from './features/diary/diary-page.tsx';
import { FriendsPage } from './features/friends/friends-page.tsx';
import { NotificationsPage } from './features/notifications/notifications-page.tsx';
import { ProfilePage } from './features/profile/profile-page.tsx';
import { Layout } from './ui/layout.tsx';

/** Signed out: the sign-in screen, whatever the address. Signed in: the app's screens. */
export function App() {
  const session = useSession();
  if (!session) return <AuthScreen />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to="/conversations" replace />} />
        <Route path="friends" element={<FriendsPage />} />
        <Route path="conversations" element={<ConversationsPage />} />
        <Route path="conversations/:conversationId" element={<ConversationsPage />} />
        <Route path="diary" element={<DiaryPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="profile" element={<ProfilePage />} />
        {session.user.role === 'ADMIN' && <Route path="admin" element={<AdminPage />} />}
        <Route path="*" element={<Navigate to="/conversations" replace />} />
      </Route>
    </Routes>
  );
}
