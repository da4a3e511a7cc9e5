import { loadPageChecksums } from '../../src/index/page-checksums.js';

// The product loads the page-checksum shim before it opens any database; tests that open one with better-sqlite3
// themselves (to damage, inspect or edit it) must write through it too, whichever of their steps comes first.
loadPageChecksums();
