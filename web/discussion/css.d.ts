// Vite turns the stylesheet import into discussion.css; TypeScript only needs to accept it.
declare module '*.css' {}
