import { defineConfig } from 'vite';

/**
 * Builds the discussion widget into dist/web/discussion.js and discussion.css. The names carry no
 * hash because the article page links them as /assets/discussion.{js,css}.
 */
export default defineConfig({
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist/web',
    // tsc writes the server's copy of the widget under dist/web/discussion/: keep it.
    emptyOutDir: false,
    target: 'es2022',
    cssCodeSplit: false,
    modulePreload: false,
    rolldownOptions: {
      input: 'web/discussion/client.tsx',
      output: {
        entryFileNames: 'discussion.js',
        assetFileNames: 'discussion[extname]',
      },
    },
  },
});
