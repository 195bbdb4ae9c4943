export {default} from './add_todo';
