import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { MyFriends } from './friends-query.ts';

const CreateGroup = graphql(`
  mutation ConversationsCreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) { id }
  }
`);

/** Names a group and picks friends for it; opens the new group when it is made. */
export function NewGroupForm({ onDone }: { onDone(): void }) {
  const navigate = useNavigate();
  const ids = { heading: useId(), title: useId() };
  const [{ data, error: friendsError }] = useQuery({ query: MyFriends, requestPolicy: 'cache-and-network' });
  const [creating, create] = useMutation(CreateGroup);
  const [title, setTitle] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const friends = (data?.me.friends.edges ?? []).map((edge) => edge.node);

  const toggle = (id: string, on: boolean) => setMemberIds((chosen) => (on ? [...chosen, id] : chosen.filter((other) => other !== id)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError('Please check this: the group needs a title.');
    const result = await create({ input: { title: title.trim(), memberIds } });
    if (result.error) return setError(describeError(result.error));
    const id = result.data?.createGroup.id;
    onDone();
    if (id) navigate(`/conversations/${encodeURIComponent(id)}`);
  };

  return (
    <form className="stack new-group" onSubmit={submit} aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>New group</h3>
      <label htmlFor={ids.title}>Group title</label>
      <input id={ids.title} value={title} onChange={(event) => setTitle(event.target.value)} maxLength={100} autoFocus />
      <fieldset className="friend-choices">
        <legend>Members</legend>
        <ErrorAlert error={friendsError} />
        {data && friends.length === 0 && <p className="muted">Add friends first: a group is made of your friends.</p>}
        {friends.map((friend) => (
          <label key={friend.id} className="check">
            <input type="checkbox" checked={memberIds.includes(friend.id)} onChange={(event) => toggle(friend.id, event.target.checked)} />
            {friend.displayName} <span className="muted">@{friend.handle}</span>
          </label>
        ))}
      </fieldset>
      <FormActions problem={error} busy={creating.fetching} submit="Create group" status={null}>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </FormActions>
    </form>
  );
}
