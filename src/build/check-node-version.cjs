// preinstall: on a Node older than 24, stop the install of hotlab with one clear message. Without it, npm goes on
// to isolated-vm's install script, which finds no prebuilt binary for that Node, falls back to node-gyp and fails
// in a page of compiler output that never says what is wrong. The launcher (src/launcher.ts) says the same at run
// time. It runs on whatever Node the user has, before anything is built: plain CommonJS, nothing newer than ES5.
'use strict';
var fs = require('fs');

// Keep in step with engines.node in package.json and src/node-version.ts (a test compares them).
var REQUIRED_MAJOR = 24;

function major(version) {
  return Number(String(version).replace(/^v/, '').split('.')[0]);
}

// Node 24 may come with this very install, from the `node` package: `npx -p node@24 -p hotlab hotlab`, a project
// that depends on it, or this repository (a devDependency). Its bin is linked before the install scripts run, so
// isolated-vm's script and then hotlab run on it.
function nodePackageVersion() {
  try {
    return require(require.resolve('node/package.json', { paths: [process.cwd()] })).version;
  } catch (error) {
    return null;
  }
}

// What was installed, as npx takes it back: a tarball's path, name@version for the registry, or npm's own spec.
function installedSpec() {
  var name = process.env.npm_package_name || 'hotlab';
  var version = process.env.npm_package_version;
  var resolved = process.env.npm_package_resolved || '';
  if (/^file:/.test(resolved)) return resolved.slice('file:'.length);
  if (!resolved || new RegExp('/-/' + name + '-' + version + '\\.tgz$').test(resolved)) return version ? name + '@' + version : name;
  return resolved;
}

// npm pipes an install script's output and shows it only when an `npm install` fails; `npx` drops it altogether
// (it leaves errors to the command it runs). The terminal itself is the one place the user is sure to read it.
function tell(text) {
  try {
    var tty = fs.openSync('/dev/tty', 'w');
    fs.writeSync(tty, '\r\x1b[K' + text); // from the start of a clean line: npm's spinner may be drawn there
    fs.closeSync(tty);
  } catch (error) {
    process.stderr.write(text); // no terminal (CI, Windows): npm install prints it with its error
  }
}

function shellWord(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : "'" + word.replace(/'/g, "'\\''") + "'";
}

var found = process.versions.node;
var coming = nodePackageVersion();
if (major(found) < REQUIRED_MAJOR && !(coming && major(coming) >= REQUIRED_MAJOR)) {
  var command = ['npx', '-y', '--loglevel=error', '-p', 'node@' + REQUIRED_MAJOR, '-p', installedSpec(), 'hotlab'].map(shellWord).join(' ');
  tell(
    'hotlab needs Node.js ' + REQUIRED_MAJOR + ' or newer; this is Node.js ' + found + ' (' + process.execPath + ').\n' +
      'Installing it here would fail: its sandbox, isolated-vm, has a native build for Node ' + REQUIRED_MAJOR + ' only.\n' +
      'Run it on Node ' + REQUIRED_MAJOR + ' from npm, without changing the Node on your system:\n' +
      '  ' + command + '\n' +
      'Or install Node.js ' + REQUIRED_MAJOR + ' or newer (https://nodejs.org/en/download, or: nvm install ' + REQUIRED_MAJOR + ') and install hotlab again.\n'
  );
  process.exit(1);
}
