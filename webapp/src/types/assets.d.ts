// Images imported from source are inlined by the bundler as data: URLs.
declare module '*.svg' {
    const url: string;
    export default url;
}
