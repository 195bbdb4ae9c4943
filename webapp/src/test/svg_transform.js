// Jest stand-in for webpack's asset/inline rule: an imported SVG becomes the same
// base64 data: URL the bundle would carry.
module.exports = {
    process(source) {
        const url = 'data:image/svg+xml;base64,' + Buffer.from(source).toString('base64');
        return {code: 'module.exports = ' + JSON.stringify(url) + ';'};
    },
};
