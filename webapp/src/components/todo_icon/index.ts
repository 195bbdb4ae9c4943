export {default} from './todo_icon';
