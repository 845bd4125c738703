/** Whether a drag carries files from the system (not text, not messages dragged from the list). */
export function carriesFiles(transfer: DataTransfer | null): boolean {
  return [...(transfer?.types ?? [])].includes('Files');
}
