// The first test in a file also waits for lazy page chunks to be transpiled;
// on a busy CI machine that can exceed Testing Library's 1 s default.
require("@testing-library/react").configure({ asyncUtilTimeout: 5000 });
