import { useEffect } from 'react';
import { useBlocker } from 'react-router-dom';
import { ConfirmModal } from './ConfirmModal.tsx';

/** Asks before leaving a page with unsaved changes, both for in-app navigation and for closing or reloading the tab. */
export function UnsavedChangesGuard({ when, what = 'changes' }: { when: boolean; what?: string }) {
  // Being signed out is not leaving: the session has already ended, and the page keeps its own draft for the next sign-in.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && currentLocation.pathname !== nextLocation.pathname && nextLocation.pathname !== '/sign-in',
  );

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show their own prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);

  return (
    <ConfirmModal
      opened={blocker.state === 'blocked'}
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      cancelLabel="Stay on this page"
      destructive
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
    >
      You have unsaved {what}. If you leave now, they are lost.
    </ConfirmModal>
  );
}
