export {default} from './due_editor';
