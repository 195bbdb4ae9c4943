// Matchers such as toBeInTheDocument and toHaveTextContent for every test file.
import '@testing-library/jest-dom';
