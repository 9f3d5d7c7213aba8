/** `--profile NAME`: the playground's profiles live in memory (there is no ~/.aws/config to read). */
export class ProfileNotFound extends Error {
  constructor(readonly profile: string) {
    // botocore's ProfileNotFound text, which aws-cli prints after a blank line (exit 255).
    super(`The config profile (${profile}) could not be found`)
  }
}
