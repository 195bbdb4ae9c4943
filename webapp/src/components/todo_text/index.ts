export {default} from './todo_text';
