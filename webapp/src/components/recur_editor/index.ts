export {default, recurText} from './recur_editor';
