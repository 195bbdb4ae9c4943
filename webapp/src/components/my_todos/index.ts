export {default} from './my_todos';
