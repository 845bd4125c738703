import { useCallback, useState } from 'react';
import type { CommandName, CommandParams, CommandResult } from '../../common/contract';
import type { WireError } from '../../common/result';
import { getApi } from '../bridge/api';

/** Runs a command and keeps its pending state and error next to the control that started it. */
export function useCommand<C extends CommandName>(command: C): {
  run(params: CommandParams<C>): Promise<CommandResult<C> | null>;
  pending: boolean;
  error: WireError | null;
  clearError(): void;
} {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const run = useCallback(
    async (params: CommandParams<C>) => {
      setPending(true);
      setError(null);
      try {
        const result = await getApi().commands[command](params);
        if (result.ok) return result.value;
        setError(result.error);
        return null;
      } finally {
        setPending(false);
      }
    },
    [command],
  );
  return { run, pending, error, clearError: useCallback(() => setError(null), []) };
}

/** Fire-and-report: for actions whose errors go to the notice area. */
export async function invoke<C extends CommandName>(command: C, params: CommandParams<C>): Promise<{ ok: true; value: CommandResult<C> } | { ok: false; error: WireError }> {
  return getApi().commands[command](params);
}
