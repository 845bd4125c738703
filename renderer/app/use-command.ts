import { useCallback, useState } from 'react';
import type { CommandName, CommandParams, CommandResult } from '../../common/contract';
import type { WireError } from '../../common/result';
import { getApi } from '../bridge/api';

/** Runs a command and keeps its pending state and error next to the control that started it. */
export function useCommand<C extends CommandName>(command: C): {
  /** The command's value, or null when it failed (see `error`). */
  run(params: CommandParams<C>): Promise<CommandResult<C> | null>;
  /** Whether the command succeeded: for commands whose value is itself null. */
  attempt(params: CommandParams<C>): Promise<boolean>;
  pending: boolean;
  error: WireError | null;
  clearError(): void;
} {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const call = useCallback(
    async (params: CommandParams<C>) => {
      setPending(true);
      setError(null);
      try {
        const result = await getApi().commands[command](params);
        if (!result.ok) setError(result.error);
        return result;
      } finally {
        setPending(false);
      }
    },
    [command],
  );
  const run = useCallback(async (params: CommandParams<C>) => {
    const result = await call(params);
    return result.ok ? result.value : null;
  }, [call]);
  const attempt = useCallback(async (params: CommandParams<C>) => (await call(params)).ok, [call]);
  return { run, attempt, pending, error, clearError: useCallback(() => setError(null), []) };
}

/** Fire-and-report: for actions whose errors go to the notice area. */
export async function invoke<C extends CommandName>(command: C, params: CommandParams<C>): Promise<{ ok: true; value: CommandResult<C> } | { ok: false; error: WireError }> {
  return getApi().commands[command](params);
}
