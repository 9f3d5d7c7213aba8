/**
 * Imported first by the Node entry points. The locked AWS SDK supports Node 20; from its releases of January 2027
 * on it needs Node 22 (docs/architecture.md says what moves then). Until then its NodeVersionSupportWarning is
 * about the project's future, not the user's command: the real aws CLI prints nothing like it, so neither do we.
 * Must run before any SDK module is evaluated, hence a module of its own imported ahead of the rest.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
