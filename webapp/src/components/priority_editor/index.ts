export {default, priorities} from './priority_editor';
