import { Discover } from './discover.tsx';
import { MyFriends } from './my-friends.tsx';
import { PeopleSearch } from './people-search.tsx';
import { IncomingRequests, OutgoingRequests } from './requests.tsx';
import './friends.css';

/**
 * The Friends screen: finding people and answering requests on one side, the viewer's friends
 * and suggestions on the other (one column on a phone, in that order).
 */
export function FriendsPage() {
  return (
    <div className="friends-columns">
      <div className="stack friends-column">
        <PeopleSearch />
        <IncomingRequests />
        <OutgoingRequests />
      </div>
      <div className="stack friends-column">
        <MyFriends />
        <Discover />
      </div>
    </div>
  );
}
