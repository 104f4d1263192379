/** The walkthrough player's own strings (src/ui/walkthrough). `{name}` placeholders allowed. */
export const playerEn = {
  'player.picker': 'Walkthrough',
  'player.freePlay': 'Free play',
  'player.heading': 'Walkthroughs',
  'player.intro':
    'Each walkthrough runs the simulated cluster step by step. Every sentence you read is checked against what the cluster really did.',
  'player.start': 'Start',
  'player.startNamed': 'Start “{title}”',
  'player.stepOf': 'Step {n} of {total}',
  'player.before': 'Before the first step',
  'player.progress': 'Progress',
  'player.narration': 'Narration',
  'player.next': 'Next step',
  'player.previous': 'Previous step',
  'player.steps': 'Steps',
  'player.stepLabel': '{n}. {text}',
  'player.predict': 'Predict first: choose, then see what the cluster does.',
  'player.answerRight': 'You predicted: “{choice}” That is what happened.',
  'player.answerWrong': 'You predicted: “{choice}” Not quite: see what happened.',
  'player.bends': 'Where the metaphor bends',
  'player.diff': 'What changed in {object}',
  'player.field': 'Field',
  'player.before.col': 'Before',
  'player.after.col': 'After',
  'player.none': '(none)',
  'player.kubectl': 'On a real cluster',
  'player.leave': 'Leave into free play',
  'player.back': 'Back to step {n}',
  'player.left':
    'You left “{title}” at step {n}. The cluster is yours: use the console and the fault buttons.',
  'player.end': 'End of the walkthrough.',
  'player.failed': 'This step did not match the simulation: {details}',
  'player.error': 'This step could not be computed: {message}',
} as const;

export type PlayerMessageKey = keyof typeof playerEn;
