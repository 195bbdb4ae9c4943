export {default, isNarrowed, plainView} from './list_view';
export type {View} from './list_view';
