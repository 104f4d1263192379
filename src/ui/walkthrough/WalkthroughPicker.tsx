/** Placeholder for the walkthrough picker in the header. */
export function WalkthroughPicker() {
  return null;
}
