export {default} from './todo_item';
