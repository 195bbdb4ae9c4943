export {default} from './todo_search';
